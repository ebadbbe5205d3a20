/** Every channel the outbox fans out to (worker/outbox/channel.ts). */
import type { Channel } from "../channel";
import { emailChannel } from "./email";
import { webhookChannel } from "./webhook";

export const CHANNELS: readonly Channel[] = [webhookChannel, emailChannel];

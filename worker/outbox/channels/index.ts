/** Every channel the outbox fans out to (worker/outbox/channel.ts). */
import type { Channel } from "../channel";
import { emailChannel } from "./email";
import { slackChannel } from "./slack";
import { teamsChannel } from "./teams";
import { webhookChannel } from "./webhook";

export const CHANNELS: readonly Channel[] = [webhookChannel, emailChannel, slackChannel, teamsChannel];

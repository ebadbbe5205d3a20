import type { InferResponseType } from "hono/client";
import type { api } from "./api";

export type Me = InferResponseType<typeof api.me.$get, 200>;
export type Org = InferResponseType<typeof api.org.$get, 200>;
export type DemoPerson = InferResponseType<(typeof api.dev)["people"]["$get"], 200>["items"][number];
export type Challenge = InferResponseType<(typeof api.challenges)[":id"]["$get"], 200>;
export type ChallengeCard = InferResponseType<typeof api.challenges.$get, 200>["items"][number];
export type Comment = InferResponseType<(typeof api.challenges)[":id"]["comments"]["$get"], 200>["items"][number];
export type Activity = InferResponseType<(typeof api.challenges)[":id"]["activity"]["$get"], 200>["items"][number];
export type Person = InferResponseType<typeof api.people.$get, 200>["items"][number];
export type Profile = InferResponseType<(typeof api.people)[":id"]["$get"], 200>;
export type Stage = Challenge["stage"];
export type Role = Person["roles"][number];
export type TransitionAction = Challenge["viewer"]["actions"][number];

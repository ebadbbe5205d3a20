/** wrangler.toml `[triggers]`: the daily jobs' schedule; any other run is the outbox sweep. */
export const DAILY_CRON = "0 7 * * *";

// Which services each role runs. One process may run them all (`all`, the embedded default);
// in a scale-out each runs in its own processes, as many as needed of `web` and `worker`.
export const ROLES = ['all', 'web', 'ingest', 'scheduler', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleServices {
  /** Serves HTTP: health, status, metrics, hooks, WebSub pushes, and the platforms' routes. */
  http: boolean;
  /** Takes people's updates on every platform that is on (one process must poll Telegram: this one). */
  chat: boolean;
  /** Polls due feeds. (A `web` process takes WebSub pushes into its own pipeline.) */
  poll: boolean;
  /** Clusters items into stories, while it holds the stories lease. */
  stories: boolean;
  /** Runs the clocks: digests each minute, breaking fan-out every few seconds, retention hourly. */
  schedule: boolean;
  /** Sends what the outbox holds. */
  work: boolean;
}

const none: RoleServices = { http: false, chat: false, poll: false, stories: false, schedule: false, work: false };

export const ROLE_SERVICES: Readonly<Record<Role, RoleServices>> = {
  all: { http: true, chat: true, poll: true, stories: true, schedule: true, work: true },
  web: { ...none, http: true, chat: true },
  ingest: { ...none, poll: true, stories: true },
  scheduler: { ...none, schedule: true },
  worker: { ...none, work: true },
};

export function isRole(name: string): name is Role {
  return (ROLES as readonly string[]).includes(name);
}

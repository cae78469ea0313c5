import type { Api } from './api';
import type { Route } from './router';

/** What every screen gets: the API client, who is logged in, navigation. */
export interface Ctx {
  api: Api;
  roles: string[];
  /** FINESS of a tenant administrator's establishment (token claim `finess`). */
  finess?: string;
  username: string;
  isOperator: boolean;
  navigate(hash: string): void;
  /** False once the user has left the screen (late answers are then dropped). */
  alive(): boolean;
}

export type View = (root: HTMLElement, ctx: Ctx, route: Route) => void | Promise<void>;

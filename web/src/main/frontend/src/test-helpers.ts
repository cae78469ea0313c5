// Fetch mocks for the unit tests: answers by method + path, records the requests.
import { Api } from './api';
import type { Ctx } from './context';

export interface Recorded { method: string; url: string; headers: Record<string, string>; body: unknown }

export type Handler = (req: Recorded) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(status: number, detail: string, errors?: { field: string; message: string }[]): Response {
  return json({ type: 'about:blank', title: 'Erreur', status, detail, errors }, status);
}

export function mockFetch(routes: Record<string, Handler>) {
  const calls: Recorded[] = [];
  const fetchImpl = async (url: string, init: RequestInit = {}) => {
    const req: Recorded = {
      method: init.method || 'GET', url, headers: (init.headers || {}) as Record<string, string>,
      body: typeof init.body === 'string' && (init.headers as Record<string, string>)['Content-Type']?.includes('json') ? JSON.parse(init.body) : init.body,
    };
    calls.push(req);
    const path = url.split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      return problem(404, `no mock for ${req.method} ${path}`);
    }
    return handler(req);
  };
  return { fetchImpl, calls };
}

export function fakeCtx(routes: Record<string, Handler>, roles = ['operator-admin'], extra: Partial<Ctx> = {}) {
  const { fetchImpl, calls } = mockFetch(routes);
  const unauthorized: number[] = [];
  const navigations: string[] = [];
  const api = new Api(async () => 'TOKEN', fetchImpl, () => unauthorized.push(1));
  const ctx: Ctx = {
    api, roles, username: 'test', isOperator: roles.includes('operator-admin'),
    navigate: h => navigations.push(h), alive: () => true, ...extra,
  };
  return { ctx, calls, unauthorized, navigations };
}

/** Lets pending promises and lit renders settle. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) {
    await new Promise(r => setTimeout(r, 0));
  }
}

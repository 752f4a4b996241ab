import type { LiveEvent, Part, ProfileView, SearchAnswer, SearchableType, SpendPyramidView } from '../../src/explorer-api/explorer-api';

/** The token lives for the tab only: closing it logs out. */
const TOKEN_KEY = 'touchpoint-explorer-token';

export const savedToken = (): string => sessionStorage.getItem(TOKEN_KEY) ?? '';
export const saveToken = (token: string): void => {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
};

const headers = (token: string, json = false): Record<string, string> => ({
  ...(token ? { authorization: `Bearer ${token}` } : {}),
  ...(json ? { 'content-type': 'application/json' } : {}),
});

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T | { code?: string; message?: string };
  if (!response.ok) {
    const problem = body as { code?: string; message?: string };
    throw new Error(`${problem.code ?? `HTTP ${response.status}`}: ${problem.message ?? ''}`);
  }
  return body as T;
}

export async function search(token: string, type: SearchableType, value: string): Promise<SearchAnswer> {
  return answer(await fetch('/api/search', { method: 'POST', headers: headers(token, true), body: JSON.stringify({ type, value }) }));
}

export async function loadProfile(token: string, profileId: string): Promise<ProfileView> {
  return answer(await fetch(`/api/profiles/${profileId}`, { headers: headers(token) }));
}

export async function loadPyramid(token: string): Promise<SpendPyramidView> {
  return answer(await fetch('/api/pyramid', { headers: headers(token) }));
}

export async function unmerge(token: string, profileId: string, mergeId: string): Promise<Part<Record<string, unknown>>> {
  return answer(await fetch(`/api/profiles/${profileId}/unmerge`, { method: 'POST', headers: headers(token, true), body: JSON.stringify({ mergeId }) }));
}

export async function deleteProfile(token: string, profileId: string): Promise<Part<Record<string, unknown>>> {
  return answer(await fetch(`/api/profiles/${profileId}/delete`, { method: 'POST', headers: headers(token) }));
}

/**
 * Follows the profile's server-sent events. Read with fetch rather than EventSource, which
 * cannot send the Authorization header. Returns a function that stops it.
 */
export function followProfile(token: string, profileId: string, onEvent: (event: LiveEvent) => void, onState: (state: 'open' | 'closed' | string) => void): () => void {
  const abort = new AbortController();
  const run = async (): Promise<void> => {
    const response = await fetch(`/api/profiles/${profileId}/live`, { headers: headers(token), signal: abort.signal });
    if (!response.ok || !response.body) {
      onState(`live updates refused (HTTP ${response.status})`);
      return;
    }
    onState('open');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n');
        if (data) onEvent(JSON.parse(data) as LiveEvent);
        end = buffer.indexOf('\n\n');
      }
    }
    onState('closed');
  };
  run().catch((error: unknown) => {
    if (!abort.signal.aborted) onState(`live updates stopped: ${error instanceof Error ? error.message : String(error)}`);
  });
  return () => abort.abort();
}

import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * What a view shows lives in its URL (shared as a link): cycle, team, owner, health, q (search), asOf (the tree
 * as it stood then), compare (a second date to diff with).
 */
export type UrlKey = 'cycle' | 'team' | 'owner' | 'health' | 'q' | 'asOf' | 'compare';

export function useUrlState(): [Partial<Record<UrlKey, string>>, (changes: Partial<Record<UrlKey, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const values: Partial<Record<UrlKey, string>> = {};
  for (const [key, value] of params) if (value !== '') values[key as UrlKey] = value;
  const update = useCallback(
    (changes: Partial<Record<UrlKey, string | undefined>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [values, update];
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * The `.dockerignore` of a build context as a predicate on context-relative paths. Supports
 * what this repository uses: `name`, `dir/name`, `**\/name`, `*` within a segment, `!` to
 * re-include, comments; later lines win, as in Docker.
 */
export function dockerignoreFilter(context: string): (relative: string) => boolean {
  const file = path.join(context, '.dockerignore');
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  const rules = lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((segment) => (segment === '**' ? '(?:.*/)?' : `${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
        .join('')
        .replace(/\(\?:\.\*\/\)\?\//g, '(?:.*/)?');
      // A pattern matches the path itself or anything below it.
      return { negated, regex: new RegExp(`^${source.replace(/\/$/, '')}(?:/.*)?$`) };
    });
  return (relative: string): boolean => {
    if (relative === '') return false;
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(relative)) ignored = !rule.negated;
    return ignored;
  };
}

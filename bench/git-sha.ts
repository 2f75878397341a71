// The commit a bench ran on, printed beside its figures ('?' outside a git checkout).
import { execFileSync } from 'node:child_process';

export function gitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/learn-daemonsets.js', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
}

describe('learn-daemonsets CLI', () => {
  it('prints the package version', () => {
    const r = cli('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints usage with the command contract', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('learn-daemonsets sim [--scenario NAME|FILE]');
    expect(r.stdout).toContain('--version');
  });

  it('refuses an unknown command with an actionable sentence and no stack trace', () => {
    const r = cli('--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command or option "--frobnicate"');
    expect(r.stderr).toContain('--help');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

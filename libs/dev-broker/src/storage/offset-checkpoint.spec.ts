import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OffsetCheckpoint } from './offset-checkpoint';

describe('OffsetCheckpoint', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-checkpoint-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back what it wrote, also from a new instance', () => {
    new OffsetCheckpoint(path.join(dir, 'start')).write(42);
    expect(new OffsetCheckpoint(path.join(dir, 'start')).read()).toBe(42);
  });

  it('reads nothing from a missing or garbled file', () => {
    expect(new OffsetCheckpoint(path.join(dir, 'missing')).read()).toBeNull();
    fs.writeFileSync(path.join(dir, 'garbled'), 'forty-two');
    expect(new OffsetCheckpoint(path.join(dir, 'garbled')).read()).toBeNull();
  });
});

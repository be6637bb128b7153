import { describe, expect, it } from 'vitest';
import { percentOf } from '../../../src/renderer/src/lib/percent';

describe('percentOf', () => {
  it('shows small changes with a decimal, large ones whole, and never rounds a change down to 0%', () => {
    expect(percentOf(0)).toBe('0%');
    expect(percentOf(0.0004)).toBe('<0.1%');
    expect(percentOf(0.034)).toBe('3.4%');
    expect(percentOf(0.05)).toBe('5%');
    expect(percentOf(0.456)).toBe('46%');
    expect(percentOf(1)).toBe('100%');
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type TextDelta, transformIndex, transformSelection } from './textBinding';

describe('transformIndex', () => {
  it('moves the caret right for text inserted before it', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });

  it('keeps the caret for text inserted after it or exactly at it', () => {
    expect(transformIndex(2, [{ retain: 4 }, { insert: 'x' }])).toBe(2);
    expect(transformIndex(2, [{ retain: 2 }, { insert: 'x' }])).toBe(2);
  });

  it('moves the caret left for text deleted before it', () => {
    expect(transformIndex(6, [{ retain: 1 }, { delete: 3 }])).toBe(3);
  });

  it('puts the caret at the start of a deleted run that contained it', () => {
    expect(transformIndex(4, [{ retain: 2 }, { delete: 5 }])).toBe(2);
  });

  it('handles an insertion at the very start', () => {
    expect(transformIndex(3, [{ insert: 'ab' }])).toBe(5);
    expect(transformIndex(0, [{ insert: 'ab' }])).toBe(0);
  });

  it('agrees with a real Y.Text change made by someone else', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world');
    let delta: TextDelta = [];
    text.observe((event) => {
      delta = event.delta;
    });
    // My caret sits after "world" (index 11), selection over "world" (6..11).
    doc.transact(() => {
      text.delete(0, 5); // "hello" removed
      text.insert(0, 'hi there,');
    });
    expect(text.toString()).toBe('hi there, world');
    expect(transformSelection({ start: 6, end: 11 }, delta)).toEqual({ start: 10, end: 15 });
    expect(text.toString().slice(10, 15)).toBe('world');
  });
});

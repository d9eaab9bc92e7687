import { expect, it } from 'vitest';
import { lineOfPath } from '../../src/lessons/yaml-lines.js';
const text = `id: x
title: y
steps:
  - id: a
    kind: task
    check:
      name: foo
      params:
        node: n1
  - id: b
    kind: question
    choices:
    - id: c1
      text: t
    - id: c2
      text: u
`;
it('maps paths', () => {
  expect(lineOfPath(text, ['title'])).toBe(2);
  expect(lineOfPath(text, ['steps', 0, 'check', 'params', 'node'])).toBe(9);
  expect(lineOfPath(text, ['steps', 1])).toBe(10);
  expect(lineOfPath(text, ['steps', 1, 'kind'])).toBe(11);
  expect(lineOfPath(text, ['steps', 1, 'choices', 1, 'text'])).toBe(16);
  expect(lineOfPath(text, ['steps', 1, 'nope'])).toBe(10);
});

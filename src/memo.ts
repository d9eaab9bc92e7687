/**
 * A pure function of a string, remembered: the simulator asks the same few questions (is this
 * label key valid, what is this image's digest, what does `500m` mean) for every pod and node.
 * At most `limit` answers are kept (all are dropped when it is reached). Answers are shared, so
 * they must be immutable (frozen objects, strings, numbers).
 */
export function rememberByString<T>(compute: (text: string) => T, limit = 4096): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text) as T;
    const answer = compute(text);
    if (answers.size >= limit) answers.clear();
    answers.set(text, answer);
    return answer;
  };
}

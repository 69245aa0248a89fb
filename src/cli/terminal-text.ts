// Text that came from outside (a phone's User-Agent, a username nobody authenticated) on its way to
// a terminal: control characters could move the cursor, retitle the window or forge table rows, and
// bidirectional overrides could reorder what is shown. Each is printed as a visible escape instead.

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings and isolates. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters being escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOf = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** The text with every character that could act on a terminal replaced by a visible escape (\x1b). */
export const terminalSafe = (text: string): string => text.replace(UNSAFE, escapeOf);

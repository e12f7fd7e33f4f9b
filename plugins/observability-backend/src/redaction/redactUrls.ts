/** What replaces the path, query and user info of a redacted URL. */
export const REDACTED_PATH = '/<redacted>';

/**
 * A URL as responses show it: scheme and host only. Slack and webhook URLs carry their
 * credential in the path, query or user info.
 */
export function redactUrl(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}${REDACTED_PATH}`;
  } catch {
    return REDACTED_PATH;
  }
}

/** Every http(s) URL in a text, such as an error message that echoes a configuration, redacted. */
export function redactUrlsInText(text: string): string {
  // A URL ends before whitespace or quotes, and never on the punctuation of its sentence.
  return text.replace(/https?:\/\/[^\s"'<>`]*[^\s"'<>`.,:;)\]]/gi, url =>
    redactUrl(url),
  );
}

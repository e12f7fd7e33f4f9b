const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const binaryExtensions = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'ico',
  'bmp',
  'tiff',
  'pdf',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  '7z',
  'jar',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'mp3',
  'mp4',
  'mov',
  'webm',
  'wav',
  'ogg',
  'wasm',
  'exe',
  'dll',
  'so',
  'dylib',
  'bin',
  'psd',
  'sketch',
  'fig',
]);

/** Files that are binary by name: listed and hashed, never read as text. */
export function isBinaryFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot !== -1 && binaryExtensions.has(name.slice(dot + 1));
}

/** The content as text, or undefined when it is not valid UTF-8. */
export function decodeUtf8(content: Uint8Array): string | undefined {
  try {
    return decoder.decode(content);
  } catch {
    return undefined;
  }
}

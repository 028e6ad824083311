// Turns a feed's bytes into text. Gzip bodies served without Content-Encoding are unpacked
// (within the size cap); the character set comes from a byte-order mark, else the XML
// declaration, else the Content-Type charset, else UTF-8. ISO-8859-1, windows-1251 and the
// rest come from Node's ICU.
import { gunzipSync } from 'node:zlib';
import { FeedParseError } from './feed-parse-error.ts';

export function decodeFeed(body: Buffer, contentType: string | undefined, maxBytes: number): string {
  let bytes = body;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new FeedParseError(tooLarge ? 'too-large' : 'not-well-formed', tooLarge ? `body larger than ${maxBytes} bytes` : 'gzip body is corrupt');
    }
  }
  const { label, skip, declared } = sniffEncoding(bytes, contentType);
  try {
    if (!declared) {
      // Nothing declared: UTF-8 by the XML rules, but old feeds send Latin-1 bytes without
      // saying so; browsers read those as windows-1252, and so does Herald.
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(skip));
      } catch {
        return new TextDecoder('windows-1252').decode(bytes.subarray(skip));
      }
    }
    return new TextDecoder(label).decode(bytes.subarray(skip));
  } catch {
    // A label ICU does not know: read it as UTF-8 rather than refuse the feed.
    return new TextDecoder('utf-8').decode(bytes.subarray(skip));
  }
}

function sniffEncoding(bytes: Buffer, contentType: string | undefined): { label: string; skip: number; declared: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3, declared: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2, declared: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2, declared: true };
  const head = bytes.subarray(0, 256).toString('latin1');
  const inXml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
  if (inXml) return { label: inXml.toLowerCase(), skip: 0, declared: true };
  const charset = /charset\s*=\s*"?([A-Za-z0-9._:-]+)/i.exec(contentType ?? '')?.[1];
  return { label: (charset ?? 'utf-8').toLowerCase(), skip: 0, declared: charset !== undefined };
}

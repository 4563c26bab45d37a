/**
 * Streaming XML over one zip entry: saxes is fed chunk by chunk as the entry inflates, so a part is
 * never held whole in memory and a handler can stop the inflating as soon as it has what it needs.
 */
import { SaxesParser } from 'saxes';
import { err, ok, type Result } from '../../shared/util/result';
import { xlsxText } from './messages';
import { ZipProblem, type ZipArchive } from './zip';

export interface XmlHandler {
  /** Local names: "x:c" and "c" are the same element (some writers prefix the main namespace). */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** Set by a handler to abandon the part with this problem. */
  problem?: ZipProblem;
  /** Set by a handler when it has read all it needs. */
  done?: boolean;
}

export async function parseXmlPart(archive: ZipArchive, part: string, handler: XmlHandler): Promise<Result<void, ZipProblem>> {
  // position tracking costs time and the messages do not use it.
  const parser = new SaxesParser({ position: false });
  let xmlError: string | undefined;
  parser.on('error', (error) => {
    xmlError ??= error.message;
  });
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>));
  parser.on('closetag', (tag) => handler.close(localName(tag.name)));
  parser.on('text', (text) => handler.text(text));
  parser.on('cdata', (text) => handler.text(text));

  const stopped = () => xmlError !== undefined || handler.problem !== undefined || handler.done === true;
  const read = await archive.readText(part, (text) => {
    if (!stopped()) parser.write(text);
    return !stopped();
  });
  if (!read.ok) return read;
  if (handler.problem) return err(handler.problem);
  if (!handler.done && xmlError === undefined) parser.close();
  if (xmlError !== undefined) return err(new ZipProblem(xlsxText.xmlBroken(part, xmlError)));
  return ok(undefined);
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name ("r:id" → "id" with prefix "r"), whatever prefix the writer chose. */
export function attribute(attributes: Record<string, string>, local: string): string | undefined {
  if (local in attributes) return attributes[local];
  for (const [name, value] of Object.entries(attributes)) if (localName(name) === local) return value;
  return undefined;
}

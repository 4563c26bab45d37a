/**
 * Files out of a drop: plain files, and every file inside dropped folders (walked with the
 * File and Directory Entries API that Chromium, Firefox and Safari implement).
 */
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
}
interface FileEntry extends Entry {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(success: (entries: Entry[]) => void, failure?: (error: unknown) => void): void };
}

export async function filesFromDrop(data: DataTransfer): Promise<File[]> {
  const items = Array.from(data.items ?? []);
  const entries = items
    .filter((item) => item.kind === 'file')
    .map((item) => (item as DataTransferItem & { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return Array.from(data.files ?? []);
  const files: File[] = [];
  for (const entry of entries) await walk(entry!, files);
  return files;
}

async function walk(entry: Entry, into: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File | null>((resolve) => (entry as FileEntry).file(resolve, () => resolve(null)));
    if (file) into.push(file);
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntry).createReader();
  // readEntries answers in batches (100 in Chromium) until it answers an empty list.
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, into);
  }
}

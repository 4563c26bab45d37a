/** Hands bytes fetched with the token to the browser as a download. */
export declare function saveBlob(blob: Blob, fileName: string): void;

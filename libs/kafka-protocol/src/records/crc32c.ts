import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C (Castagnoli), the checksum of RecordBatch v2. Hardware-accelerated via @node-rs/crc32. */
export function crc32c(data: Buffer): number {
  return nativeCrc32c(data) >>> 0;
}

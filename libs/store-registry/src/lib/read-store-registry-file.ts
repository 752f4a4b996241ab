import fs from 'node:fs';
import { parseStoreRegistry, type StoreRegistry, StoreRegistryError } from './store-registry';

/** Reads and validates the registry file once at boot; a missing or bad file stops the service naming it. */
export function readStoreRegistryFile(file: string): StoreRegistry {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new StoreRegistryError(`store registry ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new StoreRegistryError(`store registry ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseStoreRegistry(document, `store registry ${file}`);
}

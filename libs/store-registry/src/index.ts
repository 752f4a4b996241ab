export { parseStoreRegistry, type Store, StoreRegistry, StoreRegistryError, type StoreRegistryFile, storeRegistryFileSchema, storeSchema } from './lib/store-registry';
export { readStoreRegistryFile } from './lib/read-store-registry-file';

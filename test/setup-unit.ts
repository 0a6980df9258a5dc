// Unit tests that touch Dexie get an in-memory IndexedDB.
import 'fake-indexeddb/auto';

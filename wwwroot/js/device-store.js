// What Portfolio keeps on this device: drafts of forms (IndexedDB) and the pages needed to keep writing them offline
// (Cache Storage). Everything belongs to one signed-in person; signing out removes all of it, and a page of another
// person removes the rest (a shared computer never offers one person's words to the next).

const DATABASE = 'portfolio';
const DRAFTS = 'drafts';
export const PAGES_PREFIX = 'portfolio-pages-';

let opening = null;

function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(DRAFTS, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(DRAFTS, mode);
    const result = work(transaction.objectStore(DRAFTS));
    transaction.oncomplete = () => resolve(result.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

export const getDraft = (key) => run('readonly', (store) => store.get(key));
export const putDraft = (draft) => run('readwrite', (store) => store.put(draft));
export const deleteDraft = (key) => run('readwrite', (store) => store.delete(key));
export const allDrafts = () => run('readonly', (store) => store.getAll());

/** The cache of pages kept for one person. */
export const pagesCache = (person) => PAGES_PREFIX + person;

/** Keeps a copy of the page at this address for reading and writing offline. */
export async function keepPage(person, url) {
  if (!('caches' in globalThis)) {
    return;
  }
  try {
    const cache = await caches.open(pagesCache(person));
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    if (response.ok && !response.redirected) {
      await cache.put(url, response);
    }
  } catch {
    // Offline already: the page stays as it was kept, or is not kept.
  }
}

/** Removes every draft and kept page, or only those of people other than `keep`. */
export async function forget(keep = null) {
  const drafts = await allDrafts().catch(() => []);
  await Promise.all(drafts.filter((d) => d.person !== keep).map((d) => deleteDraft(d.key)));
  if ('caches' in globalThis) {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PAGES_PREFIX) && n !== (keep && pagesCache(keep)))
      .map((n) => caches.delete(n)));
  }
}

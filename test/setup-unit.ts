// Unit tests that touch Dexie get an in-memory IndexedDB.
import 'fake-indexeddb/auto';

// jsdom has <dialog> but not its modal API: enough of it for components built on
// renderer/components/Modal.tsx to open and close (focus trapping is the browser's: see e2e).
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    show(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    },
  });
}

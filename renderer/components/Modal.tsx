import { useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type Ref } from 'react';

interface ModalProps extends Omit<HTMLAttributes<HTMLDialogElement>, 'onClose' | 'onCancel'> {
  /** The user closed it (Esc, or the platform closing it): the owner unmounts it. */
  onClose: () => void;
  children: ReactNode;
  ref?: Ref<HTMLDialogElement>;
}

/**
 * A modal dialog on the platform's `<dialog>.showModal()`: the browser moves focus in, makes the
 * rest of the page inert (Tab stays inside), closes it on Esc wherever focus is inside it (also
 * after a submit removed the focused field), and returns focus to what had it when it closes.
 * Mounted means open: the owner renders it while it should show and drops it on `onClose`.
 */
export function Modal({ onClose, children, ref, ...rest }: ModalProps) {
  const own = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useLayoutEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useLayoutEffect(() => {
    const dialog = own.current;
    if (!dialog) return;
    // Kept for the fallback below: the platform restores focus on close(), but not when a dialog
    // is removed while open, nor when what had focus was re-rendered meanwhile.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Esc: the owner decides (it unmounts us); the dialog is not closed under React's feet.
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    // The platform may close it without a cancelable `cancel` (repeated Esc without user activation).
    // A `close` queued by an earlier close() (a remount: React's StrictMode) finds it open: ignored.
    const onNativeClose = () => {
      if (!dialog.open) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      const active = document.activeElement;
      if ((!active || active === document.body || dialog.contains(active)) && opener?.isConnected)
        opener.focus();
    };
  }, []);

  return (
    <dialog
      {...rest}
      ref={(element) => {
        own.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref) ref.current = element;
      }}
    >
      {children}
    </dialog>
  );
}

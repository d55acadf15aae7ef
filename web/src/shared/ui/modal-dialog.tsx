import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalDialogProps {
  /** The dialog is open while this is true. */
  open: boolean;
  onClose: () => void;
  /** Rendered only while open, so each opening starts from a fresh form. */
  children: (titleId: string) => ReactNode;
  testId?: string;
}

/**
 * A native modal dialog: it keeps keyboard focus inside, closes on Escape and gives focus back to
 * the control that opened it. The content names the dialog through the title id it is given.
 */
export function ModalDialog({ open, onClose, children, testId }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      {open ? children(titleId) : null}
    </dialog>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The keyboard focus around a confirmation or a form shown in the page, under what opened it (a
 * modal dialog, `ModalDialog`, does this itself), so that a keyboard user who cancels goes on from
 * where they were rather than from the top of the page. The opener is the button clicked
 * (`remember`, for a list's buttons) or the one `openerRef` is set on, followed when the
 * confirmation replaced it and it is drawn anew; `giveBack` focuses it once the page has rendered
 * without the confirmation.
 */
export function useReturnFocus(): {
  remember: (event: { currentTarget: HTMLElement }) => void;
  openerRef: (element: HTMLElement | null) => void;
  giveBack: () => void;
} {
  const opener = useRef<HTMLElement | null>(null);
  const [returns, setReturns] = useState(0);
  useEffect(() => {
    if (returns > 0 && opener.current?.isConnected) opener.current.focus();
  }, [returns]);
  const openerRef = useCallback((element: HTMLElement | null) => {
    if (element) opener.current = element;
  }, []);
  return {
    remember: (event) => {
      opener.current = event.currentTarget;
    },
    openerRef,
    giveBack: () => setReturns((count) => count + 1),
  };
}

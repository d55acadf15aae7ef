import { useRef } from 'react';

/**
 * The keyboard focus around a confirmation shown in the page, under what it acts on (a modal
 * dialog, `ModalDialog`, does this itself): `remember` keeps the button that opened it, and
 * `giveBack` returns the focus to that button once the confirmation is cancelled, so a keyboard
 * user goes on from where they were rather than from the top of the page.
 */
export function useReturnFocus(): { remember: (event: { currentTarget: HTMLElement }) => void; giveBack: () => void } {
  const opener = useRef<HTMLElement | null>(null);
  return {
    remember: (event) => {
      opener.current = event.currentTarget;
    },
    giveBack: () => {
      if (opener.current?.isConnected) opener.current.focus();
    },
  };
}

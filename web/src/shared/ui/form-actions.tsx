export interface FormActionsProps {
  /** The way out that changes nothing: « Annuler », « Garder la réservation ». */
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  /** Shown on the submit button while the form's request is under way. */
  busyLabel: string;
  /** Danger for what cannot be taken back (a cancellation, a departure, a refusal). */
  tone: 'primary' | 'danger';
  /** The request is under way: the submit button is disabled, so that it is not sent twice. */
  busy: boolean;
}

/**
 * A dialog form's two buttons: the way out first, then the submit button, in that order on every
 * dialog, so that a keyboard user meets them in the same place.
 */
export function FormActions({ cancelLabel, onCancel, submitLabel, busyLabel, tone, busy }: FormActionsProps) {
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className={`button button-${tone}`} disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  );
}

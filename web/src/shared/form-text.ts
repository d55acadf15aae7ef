/**
 * The text a form's field holds. `FormData.get` answers a file for a file input and null for a
 * field the form lacks (or that is disabled); none of the app's forms has a file input, so both
 * read as `missing` instead of as "[object File]" or "null".
 */
export function formText(form: FormData, name: string, missing = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : missing;
}

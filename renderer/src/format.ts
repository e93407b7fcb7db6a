/** Italian date/time formatting for display (dd/mm/yyyy hh:mm). */
export function formatDataOra(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

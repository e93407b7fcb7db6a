/** Italian date/time formatting for display (dd/mm/yyyy hh:mm). */
export function formatDataOra(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** An ISO calendar date (yyyy-mm-dd) as dd/mm/yyyy; '—' when missing. */
export function formatData(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** The Italian message of an error thrown by `unwrap`, or of anything else. */
export function messaggioErrore(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** dd/mm/yyyy hh:mm with the full year (for "dati locali al …"). */
export function formatDataOraEstesa(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

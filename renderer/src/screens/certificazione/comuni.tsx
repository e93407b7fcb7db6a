/**
 * Pieces shared by the certificate screens: the section tabs, the PDF viewer
 * (ANPR's bytes in a blob: frame, printed with the browser's / Electron's
 * print on that frame), euro formatting and downloads.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from 'design-react-kit';

export const euro = (centesimi: number) =>
  new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(centesimi / 100);

/** "16", "16,00", "0,52", "1.600,00" → cents; null when not a valid amount. */
export function centesimiDa(testo: string): number | null {
  const t = testo.trim().replace(/\s|€/g, '').replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  if (t === '') return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Tabella 13 descriptions read well without the leading "di ": "di Residenza" → "Residenza". */
export const nomeTipo = (descrizione: string) => descrizione.replace(/^di /, '').replace(/^./, (c) => c.toUpperCase());

export const importoTesto = (centesimi: number) => (centesimi / 100).toFixed(2).replace('.', ',');

export function oggiIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function bytesDaBase64(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function scarica(nomeFile: string, mime: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesDaBase64(base64)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nomeFile;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SEZIONI = [
  { path: '/certificati', etichetta: 'Emissione' },
  { path: '/certificati/archivio', etichetta: 'Archivio' },
  { path: '/certificati/registro', etichetta: 'Registro del giorno' },
];

export function IntestazioneCertificati({ attiva, children }: { attiva: string; children?: ReactNode }) {
  return (
    <div className="cert-intestazione">
      <div>
        <h1 className="h3 mb-1">Certificati anagrafici</h1>
        <p className="text-muted mb-0 small">Emessi da ANPR (servizio 6001): il PDF è quello di ANPR, con il suo QR code, archiviato senza modifiche.</p>
      </div>
      <nav aria-label="Sezioni dei certificati" className="cert-schede">
        {SEZIONI.map((s) => (
          <a key={s.path} href={`#${s.path}`} className={`cert-scheda${s.path === attiva ? ' cert-scheda--attiva' : ''}`} aria-current={s.path === attiva ? 'page' : undefined}>
            {s.etichetta}
          </a>
        ))}
      </nav>
      {children}
    </div>
  );
}

/**
 * ANPR's PDF, shown exactly as received (a blob: URL of the bytes) and
 * printed through the frame's own print (the system print dialog).
 */
export function VisorePdf({ base64, titolo, onStampa, etichettaStampa = 'Stampa' }: { base64: string; titolo: string; onStampa?: () => void; etichettaStampa?: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytesDaBase64(base64)], { type: 'application/pdf' })), [base64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const frame = useRef<HTMLIFrameElement>(null);
  const [caricato, setCaricato] = useState(false);
  useEffect(() => setCaricato(false), [url]);
  const stampa = () => {
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    w.print();
    onStampa?.();
  };
  return (
    <div className="cert-visore">
      {onStampa && (
        <div className="cert-visore__barra">
          <span className="small text-muted">Documento ANPR · {Math.round((base64.length * 3) / 4 / 1024)} kB</span>
          <Button color="primary" size="sm" onClick={stampa} disabled={!caricato} data-testid="stampa-certificato">
            {etichettaStampa}
          </Button>
        </div>
      )}
      <iframe
        ref={frame}
        className="cert-visore__frame"
        title={titolo}
        src={url}
        data-testid="visore-pdf"
        data-caricato={caricato ? 'true' : 'false'}
        onLoad={() => setCaricato(true)}
      />
    </div>
  );
}

/** 2003 — cancellazione per altri motivi (emigrazione, irreperibilità, …): the fields. */
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { CampiDecorrenza, CampiLuogo, CampiSoggetto, CampoSelect, SceltaTabella, CampoSpunta, CampoTesto, Sezione } from './campi';
import { MOTIVI_CANCELLAZIONE, type Valori2003 } from '../../../../../shared/anpr/moduli/m2003';
import { logica2003 } from '../../../../../shared/anpr/moduli/m2003';
import { RUOLI_SOGGETTO } from '../../../../../shared/anpr/moduli/regole';
import type { ContestoModulo, ModuloPratica } from './tipi';

function Campi2003({ form }: { form: UseFormReturn<Valori2003>; contesto: ContestoModulo }) {
  const motivo = useWatch({ control: form.control, name: 'motivo' });
  const conDestinazione = useWatch({ control: form.control, name: 'conDestinazione' });
  const ruolo = useWatch({ control: form.control, name: 'ruoloSoggetto' });
  const destinazioneObbligatoria = motivo === '3' || motivo === '5' || motivo === '8';
  return (
    <>
      <Sezione titolo="Pratica">
        <CampiDecorrenza form={form} aiuto="È anche la data di cancellazione (gg/mm/aaaa), non successiva a oggi." />
        <SceltaTabella form={form} nome="motivo" label="Motivo della cancellazione" lista={MOTIVI_CANCELLAZIONE} obbligatorio aiuto="Tabella 15. Per il decesso usare la pratica di morte (2001)." />
        <CampoTesto form={form} nome="note" label="Note sulla cancellazione" maxLength={240} aiuto="Obbligatorie per «Altro»; al massimo 240 caratteri." />
      </Sezione>
      <Sezione titolo="Soggetto da cancellare">
        <CampiSoggetto form={form} prefisso="soggetto" />
        <CampoSelect form={form} nome="ruoloSoggetto" label="Ruolo nella famiglia" voci={RUOLI_SOGGETTO} vuota={false} obbligatorio />
      </Sezione>
      <Sezione titolo="Destinazione">
        {!destinazioneObbligatoria && <CampoSpunta form={form} nome="conDestinazione" label="Indicare la destinazione" />}
        {(destinazioneObbligatoria || conDestinazione) && <CampiLuogo form={form} prefisso="destinazione" titolo="Comune o stato di destinazione" />}
      </Sezione>
      {ruolo === '1' && (
        <Sezione titolo="Nuovo intestatario" descrizione="Facoltativo: il componente che diventa intestatario della famiglia che resta. Se manca, ANPR segnala la famiglia senza intestatario.">
          <CampiSoggetto form={form} prefisso="nuovoIntestatario" />
        </Sezione>
      )}
    </>
  );
}

export const modulo2003: ModuloPratica<Valori2003> = { ...logica2003, Campi: Campi2003 };

export default modulo2003;

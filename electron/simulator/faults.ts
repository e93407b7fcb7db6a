/**
 * Injected faults (from the config and at runtime through the admin endpoint).
 * A fault matches a request by type and, when given, by service code; `volte`
 * limits how many requests it affects (unlimited when absent).
 */
import { faultSchema, type FaultSpec, type FaultType } from './config';

export interface ActiveFault extends FaultSpec {
  /** Requests already affected. */
  usate: number;
}

export class FaultController {
  private faults: ActiveFault[] = [];

  constructor(
    initial: readonly FaultSpec[] = [],
    private readonly onChange: (faults: readonly ActiveFault[]) => void = () => {},
  ) {
    this.set(initial);
  }

  /** Replaces the active set (validated). Throws a zod error on bad input. */
  set(specs: readonly unknown[]): void {
    this.faults = specs.map((s) => ({ ...faultSchema.parse(s), usate: 0 }));
    this.onChange(this.faults);
  }

  add(spec: unknown): void {
    this.faults.push({ ...faultSchema.parse(spec), usate: 0 });
    this.onChange(this.faults);
  }

  clear(): void {
    this.set([]);
  }

  /** Removes every fault of `tipo`, keeping the others' counts (no re-validation: they are valid already). */
  rimuovi(tipo: FaultType): void {
    this.faults = this.faults.filter((f) => f.tipo !== tipo);
    this.onChange(this.faults);
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Finds a matching fault of `tipo` for `servizio` and consumes one use. */
  take(tipo: FaultType, servizio: string | undefined): ActiveFault | undefined {
    const f = this.faults.find((x) => x.tipo === tipo && (!x.servizio || x.servizio === servizio) && (x.volte === undefined || x.usate < x.volte));
    if (!f) return undefined;
    f.usate++;
    if (f.volte !== undefined && f.usate >= f.volte) this.faults = this.faults.filter((x) => x !== f);
    return { ...f };
  }

  has(tipo: FaultType): boolean {
    return this.faults.some((x) => x.tipo === tipo);
  }
}

/**
 * The form's controller: reads the workbook through the host, keeps the reducer's state, writes
 * what the user enters back into the cells, follows the sheet (changes and selection) and lets
 * the sheet follow the form.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { DossierItem } from '../../shared/criteria/schema';
import { parseScore } from '../../shared/scoring/score';
import { FAIL_TEXT, PASS_TEXT, PRESENT_NO, PRESENT_YES, type UnitField } from '../../shared/workbook/layout';
import type { CellRef } from '../../shared/workbook/interpret';
import type { CellValue, CellWrite } from '../../shared/workbook/port';
import type { TemplateModel } from '../../shared/workbook/template';
import { describeOfficeError } from '../office/errors';
import { viForm } from '../i18n/vi';
import { formReducer, initialFormState, rawUnitValue, type FormState } from './formState';
import type { HostListener, InsertReport, WorkbookHost } from './host';
import { logDetail } from './log';
import { cellOfStep, sameStep, stepOfCell, type Step } from './steps';

/** Edits in the sheet arrive as bursts (a paste, a fill): read once they settle. */
export const RELOAD_DELAY_MS = 250;

export interface FormActions {
  reload(): Promise<void>;
  goTo(step: Step): void;
  commitScore(number: number, text: string): Promise<void>;
  commitEvidence(number: number, text: string): Promise<void>;
  commitUnitField(field: UnitField, text: string): Promise<void>;
  setDossierPresent(item: DossierItem, present: boolean): Promise<void>;
  commitDossierText(item: DossierItem, field: 'documentNumber' | 'documentDate', text: string): Promise<void>;
  insertTemplate(model: TemplateModel): Promise<InsertReport | undefined>;
  dismissProblem(): void;
}

export function useScoringForm(host: WorkbookHost): { state: FormState; actions: FormActions } {
  const [state, dispatch] = useReducer(formReducer, initialFormState);
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async () => {
    try {
      dispatch({ type: 'loaded', snapshot: await host.read() });
    } catch (error) {
      const problem = describeOfficeError(error, viForm.doingRead);
      logDetail('read', problem.detail);
      dispatch({ type: 'load-failed', problem });
    }
  }, [host]);

  const select = useCallback(async (cell: CellRef) => {
    try {
      await host.select(cell);
    } catch (error) {
      const problem = describeOfficeError(error, viForm.doingSelect);
      logDetail('select', problem.detail);
      dispatch({ type: 'problem', problem });
    }
  }, [host]);

  const write = useCallback(async (writes: CellWrite[], doing: string) => {
    dispatch({ type: 'write-started' });
    try {
      await host.write(writes);
      dispatch({ type: 'written', writes });
    } catch (error) {
      const problem = describeOfficeError(error, doing);
      logDetail('write', problem.detail);
      dispatch({ type: 'write-failed', problem });
      // The sheet may hold something else than the form thinks: read it again.
      await reload();
    }
  }, [host, reload]);

  /** Writes one cell unless it already holds the value. */
  const writeCell = useCallback(async (cell: CellRef | undefined, current: CellValue, value: CellValue, doing: string) => {
    if (!cell) {
      dispatch({ type: 'problem', problem: { message: viForm.cellMissing, detail: doing } });
      return;
    }
    if (sameValue(current, value)) return;
    await write([{ ...cell, value }], doing);
  }, [write]);

  // Load, then follow the workbook: user edits reload, selections move the form.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    const scheduleReload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (!stopped) void reload(); }, RELOAD_DELAY_MS);
    };
    const listener: HostListener = {
      changed: scheduleReload,
      selected: (cell) => {
        const scored = stateRef.current.scored;
        const step = scored ? stepOfCell(scored.workbook, cell) : undefined;
        if (step && !sameStep(step, stateRef.current.step)) dispatch({ type: 'go', step });
      },
      sheetsChanged: () => {
        // New sheets need their own handlers.
        void resubscribe();
        scheduleReload();
      },
    };
    const stop = async () => {
      const current = unsubscribe;
      unsubscribe = undefined;
      if (current) {
        try {
          await current();
        } catch (error) {
          logDetail('unsubscribe', describeOfficeError(error, viForm.doingListen).detail);
        }
      }
    };
    const resubscribe = async () => {
      await stop();
      if (stopped) return;
      try {
        unsubscribe = await host.subscribe(listener);
        if (stopped) await stop();
      } catch (error) {
        const problem = describeOfficeError(error, viForm.doingListen);
        logDetail('subscribe', problem.detail);
        dispatch({ type: 'problem', problem });
      }
    };
    void reload().then(resubscribe);
    return () => {
      stopped = true;
      clearTimeout(timer);
      void stop();
    };
  }, [host, reload]);

  const actions = useMemo<FormActions>(() => ({
    reload,
    goTo(step) {
      const scored = stateRef.current.scored;
      dispatch({ type: 'go', step });
      const cell = scored ? cellOfStep(scored.workbook, step) : undefined;
      if (cell) void select(cell);
    },
    async commitScore(number, text) {
      const scored = stateRef.current.scored;
      const criterion = scored?.workbook.set.criteria.find((c) => c.number === number);
      const row = scored?.workbook.scores.find((r) => r.number === number);
      if (!scored || !criterion || !row) return;
      const parsed = parseScore(scored.workbook.set, criterion, text);
      if (!parsed.ok) {
        dispatch({ type: 'score-rejected', number, text, message: parsed.error });
        return;
      }
      dispatch({ type: 'score-cleared', number });
      const value = parsed.value === undefined ? null
        : scored.workbook.set.scoring.kind === 'pass-fail' ? (parsed.value >= 1 ? PASS_TEXT : FAIL_TEXT) : parsed.value;
      await writeCell(row.scoreCell, row.raw, value, viForm.doingScore(number));
    },
    async commitEvidence(number, text) {
      const row = stateRef.current.scored?.workbook.scores.find((r) => r.number === number);
      if (!row) return;
      // Line breaks are kept in the cell; the comparison ignores them, as the reader does.
      await writeCell(row.evidenceCell, row.evidence, text.normalize('NFC').trim(), viForm.doingEvidence(number));
    },
    async commitUnitField(field, text) {
      const { scored, snapshot } = stateRef.current;
      if (!scored || !snapshot) return;
      const value = clean(text);
      const typed = field === 'year' && /^\d{4}$/u.test(value) ? Number(value) : value;
      await writeCell(scored.workbook.unitCells[field], rawUnitValue(snapshot, field), typed, viForm.doingUnit);
    },
    async setDossierPresent(item, present) {
      const row = stateRef.current.scored?.workbook.dossier.find((d) => d.item === item);
      if (!row) return;
      await writeCell(row.presentCell, row.present ? PRESENT_YES : PRESENT_NO, present ? PRESENT_YES : PRESENT_NO, viForm.doingDossier);
    },
    async commitDossierText(item, field, text) {
      const row = stateRef.current.scored?.workbook.dossier.find((d) => d.item === item);
      if (!row) return;
      const cell = field === 'documentNumber' ? row.documentNumberCell : row.documentDateCell;
      await writeCell(cell, row[field], clean(text), viForm.doingDossier);
    },
    async insertTemplate(model) {
      try {
        const report = await host.insertTemplate(model);
        await reload();
        return report;
      } catch (error) {
        const problem = describeOfficeError(error, viForm.doingInsert);
        logDetail('insert template', problem.detail);
        dispatch({ type: 'problem', problem });
        await reload();
        return undefined;
      }
    },
    dismissProblem() {
      dispatch({ type: 'problem-dismissed' });
    },
  }), [reload, select, writeCell, host]);

  return { state, actions };
}

function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function sameValue(current: CellValue, next: CellValue): boolean {
  const key = (v: CellValue) => (typeof v === 'string' ? clean(v) : v ?? '');
  return key(current) === key(next);
}

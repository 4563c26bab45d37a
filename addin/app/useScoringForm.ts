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
import type { CellValue, CellWrite, WorkbookSnapshot } from '../../shared/workbook/port';
import type { TemplateModel } from '../../shared/workbook/template';
import { describeOfficeError } from '../office/errors';
import { viForm } from '../i18n/vi';
import { cellValueIn, formReducer, initialFormState, type FormState } from './formState';
import { SubscriptionKeeper } from './subscription';
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
  // eslint-disable-next-line react-hooks/refs -- the latest state for the async actions below, which outlive the render; updating it in an effect would let an action started before the effect read the previous state
  stateRef.current = state;

  /** Reads the workbook into the form; undefined (and the problem shown) when the read fails. */
  const readSnapshot = useCallback(async (): Promise<WorkbookSnapshot | undefined> => {
    try {
      const snapshot = await host.read();
      dispatch({ type: 'loaded', snapshot });
      return snapshot;
    } catch (error) {
      const problem = describeOfficeError(error, viForm.doingRead);
      logDetail('read', problem.detail);
      dispatch({ type: 'load-failed', problem });
      return undefined;
    }
  }, [host]);
  const reload = useCallback(async () => { await readSnapshot(); }, [readSnapshot]);

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

  /**
   * Writes one cell unless it already holds the value, judged on a fresh read: the pane never
   * trusts its cache (an edit that fired no event, a dropdown on Excel on the web, would make it
   * skip a write the file needs). The read also brings the rest of the form up to date.
   */
  const writeCell = useCallback(async (cell: CellRef | undefined, value: CellValue, doing: string) => {
    if (!cell) {
      dispatch({ type: 'problem', problem: { message: viForm.cellMissing, detail: doing } });
      return;
    }
    const fresh = await readSnapshot();
    if (fresh && sameValue(cellValueIn(fresh, cell), value)) return;
    await write([{ ...cell, value }], doing);
  }, [write, readSnapshot]);

  // Load, then follow the workbook: user edits reload, selections move the form, and the pane
  // reads again whenever it gets the focus back (some edits fire no event at all).
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleReload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (!stopped) void reload(); }, RELOAD_DELAY_MS);
    };
    const subscription = new SubscriptionKeeper(() => host.subscribe(listener), (error, doing) => {
      const problem = describeOfficeError(error, viForm.doingListen);
      logDetail(doing, problem.detail);
      if (doing === 'subscribe') dispatch({ type: 'problem', problem });
    });
    const listener: HostListener = {
      changed: scheduleReload,
      selected: (cell) => {
        const scored = stateRef.current.scored;
        const step = scored ? stepOfCell(scored.workbook, cell) : undefined;
        if (step && !sameStep(step, stateRef.current.step)) dispatch({ type: 'go', step });
      },
      sheetsChanged: () => {
        // New sheets need their own handlers: one fresh subscription for the new set of sheets.
        void subscription.refresh();
        scheduleReload();
      },
    };
    const onFocus = () => scheduleReload();
    const onVisible = () => { if (document.visibilityState === 'visible') scheduleReload(); };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    void reload().then(() => subscription.refresh());
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      void subscription.close();
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
      await writeCell(row.scoreCell, value, viForm.doingScore(number));
    },
    async commitEvidence(number, text) {
      const row = stateRef.current.scored?.workbook.scores.find((r) => r.number === number);
      if (!row) return;
      // Line breaks are kept in the cell; the comparison ignores them, as the reader does.
      await writeCell(row.evidenceCell, text.normalize('NFC').trim(), viForm.doingEvidence(number));
    },
    async commitUnitField(field, text) {
      const { scored } = stateRef.current;
      if (!scored) return;
      const value = clean(text);
      const typed = field === 'year' && /^\d{4}$/u.test(value) ? Number(value) : value;
      await writeCell(scored.workbook.unitCells[field], typed, viForm.doingUnit);
    },
    async setDossierPresent(item, present) {
      const row = stateRef.current.scored?.workbook.dossier.find((d) => d.item === item);
      if (!row) return;
      await writeCell(row.presentCell, present ? PRESENT_YES : PRESENT_NO, viForm.doingDossier);
    },
    async commitDossierText(item, field, text) {
      const row = stateRef.current.scored?.workbook.dossier.find((d) => d.item === item);
      if (!row) return;
      const cell = field === 'documentNumber' ? row.documentNumberCell : row.documentDateCell;
      await writeCell(cell, clean(text), viForm.doingDossier);
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

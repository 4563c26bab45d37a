/**
 * "Chèn bảng chấm điểm mới": choose a criteria set and a year, and the template's sheets are
 * inserted into the open workbook (loaded on demand: it carries the shipped criteria sets).
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { defaultCriteriaSets } from '../../shared/criteria/defaults';
import { buildTemplate, type TemplateModel } from '../../shared/workbook/template';
import type { InsertReport } from '../app/host';
import { viInsert } from '../i18n/vi';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  // A native select is as wide as its longest option: keep it within the pane.
  select: { width: '100%', maxWidth: '100%', minWidth: 0 },
  choice: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

export interface InsertTemplatePanelProps {
  preferredSetId?: string;
  defaultYear: number;
  onInsert(model: TemplateModel): Promise<InsertReport | undefined>;
}

export default function InsertTemplatePanel({ preferredSetId, defaultYear, onInsert }: InsertTemplatePanelProps) {
  const styles = useStyles();
  const sets = useMemo(() => defaultCriteriaSets(), []);
  const [setId, setSetId] = useState(() => sets.find((s) => s.id === preferredSetId)?.id ?? sets[0]!.id);
  const [year, setYear] = useState(String(defaultYear));
  const [working, setWorking] = useState(false);
  const [report, setReport] = useState<InsertReport | undefined>();
  const yearValid = /^\d{4}$/u.test(year.trim());

  const insert = async () => {
    const set = sets.find((s) => s.id === setId);
    if (!set || working) return;
    setWorking(true);
    try {
      setReport(await onInsert(buildTemplate(set, { year: yearValid ? Number(year.trim()) : undefined })));
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className={styles.root}>
      <Field label={viInsert.chooseSet}>
        <Select className={styles.select} select={{ className: styles.choice }} value={setId} onChange={(_, d) => setSetId(d.value)}>
          {sets.map((s) => <option key={s.id} value={s.id}>{`${s.title}${s.draft ? ` ${viInsert.draft}` : ''}`}</option>)}
        </Select>
      </Field>
      <Field label={viInsert.year}>
        <Input value={year} inputMode="numeric" onChange={(_, d) => setYear(d.value)} />
      </Field>
      <Button appearance="primary" disabled={working} onClick={() => void insert()}>
        {working ? <Spinner size="tiny" label={viInsert.working} /> : viInsert.button}
      </Button>
      {report ? (
        <MessageBar intent="success" layout="multiline" role="status">
          <MessageBarBody>
            {viInsert.done}
            {report.renamed.map(([from, to]) => <div key={from}>{viInsert.renamed(from, to)}</div>)}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

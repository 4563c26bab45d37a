/** The unit's own audit log, reloaded after every change made in the panel. */
import { useEffect, useState } from 'react';
import { Spinner, Text } from '@fluentui/react-components';
import type { AuditEntry } from '../../../../shared/api/schemas';
import { isUnauthorized } from '../../api/client';
import { viConsole as t } from '../../i18n/vi';
import { AuditList } from '../audit/AuditList';
import { useConsole } from '../context';

export function AuditTab({ unitId, version }: { unitId: string; version: number }) {
  const { api, onUnauthorized } = useConsole();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    void api.audit(unitId).then((answer) => {
      if (!live) return;
      if (answer.ok) setEntries(answer.value);
      else if (isUnauthorized(answer.error)) onUnauthorized();
      else setError(answer.error.message);
    });
    return () => { live = false; };
  }, [api, unitId, version, onUnauthorized]);
  if (error) return <Text role="alert">{error}</Text>;
  if (!entries) return <Spinner size="small" label={t.loading} />;
  return <AuditList entries={entries} emptyText={t.unitAuditEmpty} />;
}

// The plan before starting: recorded time and gaps per camera, the size against
// the free space, the folder name, and what blocks the export in plain words.
import type { ExportPlan } from '../../electron/contract/export-schemas';
import { formatDuration } from '../incidents/incident-labels';
import { useLanguage, useT } from '../i18n/use-t';
import { Icon } from '../shell/icons';
import { blockerMessage } from './export-messages';
import { formatBytes } from '../storage/format-storage';
import { gapsText } from './export-format';
import type { PlanState } from './use-export-plan';

export function ExportPlanView(props: { state: PlanState; current: boolean }) {
  const t = useT();
  const language = useLanguage();
  const { plan, loading, error } = props.state;
  const stale = loading || !props.current;
  const status = error
    ? 'error'
    : !plan
      ? 'none'
      : stale
        ? 'loading'
        : plan.blocker
          ? 'blocked'
          : 'ready';
  return (
    <section
      className={`export-plan${stale ? ' export-plan-stale' : ''}`}
      data-testid="export-plan"
      data-state={status}
      data-blocker={plan?.blocker ?? ''}
    >
      <div className="export-section-head">
        <h3 className="section-h">{t('export.check')}</h3>
        {stale ? <span className="muted">{t('export.checking')}</span> : null}
      </div>
      {error ? <p className="form-error">{t('export.checkFailed', { error: t(error) })}</p> : null}
      {plan ? <PlanBody plan={plan} /> : null}
      {plan && !stale && plan.blocker ? (
        <div className="form-error export-blocker" role="alert" data-testid="export-blocker">
          <Icon name="alert" size={14} /> {blockerMessage(plan, t, language)}
        </div>
      ) : null}
    </section>
  );
}

function PlanBody({ plan }: { plan: ExportPlan }) {
  const t = useT();
  const language = useLanguage();
  // Far apart (10 MB on a 64 GB stick) each reads best in its own unit; the blocker compares alike.
  const needed = formatBytes(plan.neededBytes, language);
  const free = plan.freeBytes === null ? '' : formatBytes(plan.freeBytes, language);
  const fits = plan.freeBytes === null || plan.freeBytes >= plan.neededBytes;
  return (
    <>
      <ul className="export-plan-cameras">
        {plan.cameras.map((c) => (
          <li
            key={c.cameraId}
            data-testid="export-plan-camera"
            data-camera-id={c.cameraId}
            data-recorded-ms={c.recordedMs}
            data-gaps={c.missing.length}
          >
            <Icon name="camera" size={13} />
            <span className="export-plan-name">{c.name}</span>
            {c.recordedMs === 0 ? (
              <span className="export-plan-gap">{t('export.noFootageCamera')}</span>
            ) : (
              <span className="muted">
                {t('export.recorded', { recorded: formatDuration(c.recordedMs, t) })}
                {' · '}
                {c.missing.length === 0 ? (
                  t('export.complete')
                ) : (
                  <span className="export-plan-gap">
                    {t('export.missing', {
                      n: c.missing.length,
                      ranges: gapsText(c.missing, language),
                    })}
                  </span>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div
        className={`export-plan-size${fits ? '' : ' export-plan-size-short'}`}
        data-testid="export-plan-size"
      >
        <Icon name="disk" size={13} />
        {plan.freeBytes === null
          ? t('export.needed', { needed })
          : t('export.neededFree', { needed, free })}
      </div>
      <div className="export-plan-folder" data-testid="export-folder-name">
        <Icon name="folder" size={13} />
        {t('export.folderName', { name: plan.folderName })}
      </div>
    </>
  );
}

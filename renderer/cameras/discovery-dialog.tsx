// "Tìm camera trong mạng": step 1 lists the ONVIF devices that answered (the LAN sweep, or a
// probe at an address for other subnets), marking those already added; step 2 signs in,
// reads the profiles (main/sub preselected), takes name/location/group and adds the camera.
import { useMemo, useState, type FormEvent } from 'react';
import type { DiscoveredDevice, OnvifHint, OnvifInspection } from '../../electron/contract/onvif';
import { errorMessage, errorReason } from '../api/api-error';
import { useT } from '../i18n/use-t';
import type { Translate } from '../i18n/translate';
import { DialogActions } from '../shell/dialog-actions';
import { FormField } from '../shell/form-field';
import { Icon } from '../shell/icons';
import { Modal } from '../shell/modal';
import { useStationState, useStationStore } from '../store/store-context';
import { textField } from './camera-text-field';
import { clockBadge } from './clock-text';
import {
  discoveryErrorKey,
  discoveryRows,
  failureHints,
  HINT_TEXT,
  parseProbeTarget,
  profileLabel,
  streamProfiles,
  vendorOf,
  type DiscoveryRow,
} from './discovery-rows';
import './discovery.css';

function failureText(e: unknown, t: Translate): string {
  const key = discoveryErrorKey(errorReason(e));
  return key ? t(key) : errorMessage(e, t);
}

function deviceTitle(d: DiscoveredDevice, t: Translate): string {
  const maker = d.manufacturer ?? t('discovery.unknownMaker');
  return [maker, d.model].filter(Boolean).join(' ');
}

function Hints(props: { hints: readonly OnvifHint[] }) {
  const t = useT();
  if (props.hints.length === 0) return null;
  return (
    <ul className="discovery-hints" data-testid="discovery-hints">
      {props.hints.map((h) => (
        <li key={h} data-hint={h}>
          <Icon name="info" size={14} />
          <span>{t(HINT_TEXT[h])}</span>
        </li>
      ))}
    </ul>
  );
}

function DeviceList(props: { onChoose: (d: DiscoveredDevice) => void }) {
  const t = useT();
  const store = useStationStore();
  const devices = useStationState((s) => s.discoveryDevices);
  const running = useStationState((s) => s.discoveryRunning);
  const cameras = useStationState((s) => s.cameras);
  const rows = useMemo(() => discoveryRows(devices, cameras), [devices, cameras]);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [searched, setSearched] = useState(false);

  const run = (to?: { host: string; port?: number }) => {
    setError(null);
    store
      .getState()
      .discover(to)
      .then((found) => {
        setSearched(true);
        if (to && found.length === 0)
          setError(t('discovery.noneAt', { target: to.port ? `${to.host}:${to.port}` : to.host }));
      })
      .catch((e: unknown) => setError(failureText(e, t)));
  };
  const probe = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseProbeTarget(target);
    if (!parsed) {
      setError(t('discovery.targetInvalid'));
      return;
    }
    run(parsed);
  };

  return (
    <div className="discovery-step">
      <div className="discovery-toolbar">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="discovery-sweep"
          disabled={running}
          onClick={() => run()}
        >
          <Icon name="search" size={14} />
          {searched ? t('discovery.searchAgain') : t('discovery.open')}
        </button>
        <form className="discovery-target" onSubmit={probe}>
          <label className="discovery-target-label" htmlFor="discovery-target">
            {t('discovery.target')}
          </label>
          <input
            id="discovery-target"
            className="input input-compact"
            data-testid="discovery-target"
            placeholder={t('discovery.targetPlaceholder')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <button type="submit" className="btn" data-testid="discovery-probe" disabled={running}>
            {t('discovery.probe')}
          </button>
        </form>
      </div>
      <p className="field-hint">{t('discovery.targetHint')}</p>
      {error ? (
        <p className="form-error" data-testid="discovery-error">
          {error}
        </p>
      ) : null}
      {running ? (
        <p className="discovery-status" data-testid="discovery-running">
          <span className="spinner" aria-hidden="true" />
          {t('discovery.searching')}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <>
          <p className="discovery-status">{t('discovery.found', { n: rows.length })}</p>
          <div className="table-scroll discovery-table-wrap">
            <table className="data-table" data-testid="discovery-table">
              <thead>
                <tr>
                  <th>{t('discovery.colDevice')}</th>
                  <th>{t('discovery.colAddress')}</th>
                  <th>{t('discovery.colState')}</th>
                  <th aria-label={t('discovery.choose')} />
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <DeviceRow key={row.device.endpoint} row={row} onChoose={props.onChoose} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : !searched && !running && !error ? (
        <p className="list-empty" data-testid="discovery-intro">
          {t('discovery.intro')}
        </p>
      ) : searched && !running && !error ? (
        <p className="list-empty" data-testid="discovery-empty">
          {t('discovery.none')}
        </p>
      ) : null}
    </div>
  );
}

function DeviceRow(props: { row: DiscoveryRow; onChoose: (d: DiscoveredDevice) => void }) {
  const t = useT();
  const { device, added, addedAs } = props.row;
  const choose = () => {
    if (!added) props.onChoose(device);
  };
  return (
    <tr
      className={added ? 'discovery-row-added' : 'row-click'}
      data-testid="discovery-row"
      data-endpoint={device.endpoint}
      data-added={added}
      onClick={choose}
    >
      <td>
        <div className="cell-camera">
          <span className="cell-name">{deviceTitle(device, t)}</span>
          {device.name ? <span className="cell-sub">{device.name}</span> : null}
        </div>
      </td>
      <td className="discovery-ip">{device.host}</td>
      <td>
        {added ? (
          <span className="pill pill-ok">
            {addedAs ? t('discovery.addedAs', { name: addedAs.name }) : t('discovery.added')}
          </span>
        ) : device.needsCredentials === true ? (
          <span className="pill pill-warn">{t('discovery.needsLogin')}</span>
        ) : device.needsCredentials === false ? (
          <span className="pill pill-muted">{t('discovery.noLogin')}</span>
        ) : null}
      </td>
      <td className="row-action">
        {added ? null : (
          <button type="button" className="btn btn-small" onClick={choose}>
            {t('discovery.choose')}
          </button>
        )}
      </td>
    </tr>
  );
}

function AddDevice(props: { device: DiscoveredDevice; onBack: () => void; onDone: () => void }) {
  const t = useT();
  const store = useStationStore();
  const { device } = props;
  const xaddr = device.xaddrs[0] ?? `http://${device.host}/onvif/device_service`;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [inspection, setInspection] = useState<OnvifInspection | null>(null);
  const [mainProfile, setMain] = useState('');
  const [subProfile, setSub] = useState('');
  const [name, setName] = useState(device.name ?? deviceTitle(device, t));
  const [location, setLocation] = useState('');
  const [group, setGroup] = useState('');
  const [busy, setBusy] = useState<'inspect' | 'add' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hints, setHints] = useState<OnvifHint[]>([]);
  const profiles = inspection ? streamProfiles(inspection.profiles) : [];

  const inspect = (e: FormEvent) => {
    e.preventDefault();
    setBusy('inspect');
    setError(null);
    setHints([]);
    store
      .getState()
      .inspectOnvif({ xaddr, username, password })
      .then((found) => {
        setInspection(found);
        setHints(found.hints);
        const usable = streamProfiles(found.profiles);
        setMain(found.suggested.main ?? usable[0]?.token ?? '');
        setSub(found.suggested.sub ?? '');
      })
      .catch((err: unknown) => {
        setInspection(null);
        setError(failureText(err, t));
        setHints(failureHints(errorReason(err), vendorOf(device.manufacturer)));
      })
      .finally(() => setBusy(null));
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    setBusy('add');
    setError(null);
    store
      .getState()
      .addOnvifCamera({
        xaddr,
        endpoint: device.endpoint,
        username,
        password,
        name,
        location,
        group,
        mainProfile,
        subProfile: subProfile || null,
      })
      .then((camera) => {
        store.getState().pushToast({
          kind: 'success',
          key: 'discovery.addedToast',
          params: { name: camera.name },
          at: null,
        });
        props.onDone();
      })
      .catch((err: unknown) => setError(failureText(err, t)))
      .finally(() => setBusy(null));
  };

  const clock = inspection ? clockBadge({ ...inspection.clock, cameraId: '' }, t) : null;
  return (
    <div className="discovery-step">
      <button type="button" className="btn btn-small discovery-back" onClick={props.onBack}>
        <Icon name="back" size={13} />
        {t('discovery.back')}
      </button>
      <div className="discovery-device">
        <Icon name="camera" size={18} />
        <div className="cell-camera">
          <span className="cell-name" data-testid="discovery-device-title">
            {/* The probe may not name the maker; the signed-in device information does. */}
            {deviceTitle(
              {
                ...device,
                manufacturer: inspection?.device.manufacturer ?? device.manufacturer,
                model: inspection?.device.model ?? device.model,
              },
              t,
            )}
          </span>
          <span className="cell-sub">
            {device.host}
            {inspection?.device.firmware
              ? ` · ${t('discovery.firmware', { firmware: inspection.device.firmware })}`
              : ''}
          </span>
        </div>
      </div>
      <form className="form-grid" onSubmit={inspect}>
        <h3 className="discovery-h field-wide">{t('discovery.account')}</h3>
        {textField(
          'discovery-username',
          t('discovery.username'),
          { testId: 'discovery-username' },
          undefined,
          username,
          setUsername,
        )}
        {textField(
          'discovery-password',
          t('discovery.password'),
          { testId: 'discovery-password', type: 'password', auto: 'new-password' },
          undefined,
          password,
          setPassword,
        )}
        <div className="field-wide discovery-inspect-row">
          <button
            type="submit"
            className={`btn${inspection ? '' : ' btn-primary'}`}
            data-testid="discovery-inspect"
            disabled={busy !== null}
          >
            {busy === 'inspect' ? t('discovery.inspecting') : t('discovery.inspect')}
          </button>
          {clock && clock.level !== 'unknown' ? (
            <span className="discovery-clock" data-level={clock.level} title={clock.title}>
              <Icon name="clock" size={13} />
              {t('discovery.clock')}: {clock.text || clock.title}
            </span>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="form-error" data-testid="discovery-error">
          {error}
        </p>
      ) : null}
      <Hints hints={hints} />
      {inspection ? (
        profiles.length === 0 ? (
          <p className="form-error">{t('discovery.noProfiles')}</p>
        ) : (
          <form className="form-grid discovery-add" onSubmit={add}>
            <FormField label={t('discovery.main')} name="discovery-main">
              <select
                className="select"
                data-testid="discovery-main"
                value={mainProfile}
                onChange={(e) => setMain(e.target.value)}
              >
                {profiles.map((p) => (
                  <option key={p.token} value={p.token}>
                    {profileLabel(p)}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label={t('discovery.sub')} name="discovery-sub">
              <select
                className="select"
                data-testid="discovery-sub"
                value={subProfile}
                onChange={(e) => setSub(e.target.value)}
              >
                <option value="">{t('discovery.noSub')}</option>
                {profiles
                  .filter((p) => p.token !== mainProfile)
                  .map((p) => (
                    <option key={p.token} value={p.token}>
                      {profileLabel(p)}
                    </option>
                  ))}
              </select>
            </FormField>
            {profiles.some((p) => p.hasPtz) ? (
              <p className="form-note field-wide">{t('discovery.ptz')}</p>
            ) : null}
            {textField(
              'discovery-name',
              t('discovery.name'),
              { testId: 'discovery-name', wide: true },
              undefined,
              name,
              setName,
            )}
            {textField(
              'discovery-location',
              t('camera.location'),
              { testId: 'discovery-location', placeholder: t('camera.locationPlaceholder') },
              undefined,
              location,
              setLocation,
            )}
            {textField(
              'discovery-group',
              t('camera.group'),
              { testId: 'discovery-group' },
              undefined,
              group,
              setGroup,
            )}
            <div className="field-wide">
              <DialogActions
                onCancel={props.onBack}
                submitTestId="discovery-add"
                submitDisabled={busy !== null || !mainProfile || name.trim() === ''}
                submitLabel={
                  <>
                    <Icon name="plus" size={14} />
                    {busy === 'add' ? t('discovery.adding') : t('discovery.add')}
                  </>
                }
              />
            </div>
          </form>
        )
      ) : null}
    </div>
  );
}

export function DiscoveryDialog() {
  const t = useT();
  const store = useStationStore();
  const [chosen, setChosen] = useState<DiscoveredDevice | null>(null);
  const close = () => store.getState().openDialog(null);
  return (
    <Modal
      title={t('discovery.title')}
      testId="discovery-dialog"
      onClose={close}
      className="modal-discovery"
    >
      <ol className="discovery-steps" aria-hidden="true">
        <li data-active={chosen === null}>{t('discovery.step1')}</li>
        <li data-active={chosen !== null}>{t('discovery.step2')}</li>
      </ol>
      {chosen ? (
        <AddDevice
          key={chosen.endpoint}
          device={chosen}
          onBack={() => setChosen(null)}
          onDone={() => setChosen(null)}
        />
      ) : (
        <DeviceList onChoose={setChosen} />
      )}
    </Modal>
  );
}

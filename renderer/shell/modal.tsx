import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from './icons';

export function Modal(props: {
  title: string;
  testId: string;
  onClose: () => void;
  wide?: boolean;
  /** Extra class on the dialog box (e.g. a wider panel). */
  className?: string;
  children: ReactNode;
}) {
  const t = useT();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className={`modal${props.wide ? ' modal-wide' : ''}${props.className ? ` ${props.className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
      >
        <div className="modal-head">
          <h2 className="modal-title">{props.title}</h2>
          <button
            type="button"
            className="icon-btn"
            onClick={onClose}
            aria-label={t('dialog.close')}
            data-testid="dialog-close"
          >
            <Icon name="close" />
          </button>
        </div>
        <div className="modal-body">{props.children}</div>
      </div>
    </div>
  );
}

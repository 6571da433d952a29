import { Modal, type ModalProps } from '@mantine/core';
import { useLocked } from './lock-context';

/**
 * Every dialog in the app. While the workstation is locked the dialog stays mounted (its
 * unsaved input survives) but hidden behind the lock screen, so it must neither trap focus
 * nor close on Escape nor block scrolling there.
 */
export function AppModal(props: ModalProps) {
  const locked = useLocked();
  return (
    <Modal
      size="lg"
      {...props}
      trapFocus={!locked && props.trapFocus !== false}
      closeOnEscape={!locked && props.closeOnEscape !== false}
      closeOnClickOutside={false}
      lockScroll={!locked}
      returnFocus
    />
  );
}

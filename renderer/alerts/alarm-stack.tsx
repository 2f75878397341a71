// Bottom left, above dialogs: the offline alarm, then picture and clock alarm cards.
import { CameraAlarmCard } from './camera-alarm';
import { PictureAlarmCards } from './picture-alarm-cards';

export function AlarmStack() {
  return (
    <div className="alarm-stack">
      <CameraAlarmCard />
      <PictureAlarmCards />
    </div>
  );
}

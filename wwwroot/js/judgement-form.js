// The assessor's judgement form: feedback is written for one outcome. When the assessor picks another outcome for a
// point and has not touched the feedback box, the box is emptied (the candidate would otherwise read, say, the reason
// a point was not met under "Met"); picking the first outcome again brings the text back. Without JavaScript the
// server refuses "not yet met" feedback posted as "met" and says why.
for (const fieldset of document.querySelectorAll('#judgement-form fieldset.app-judgement')) {
  const box = fieldset.querySelector('textarea[data-written-for]');
  if (!box) {
    continue;
  }
  const writtenFor = box.dataset.writtenFor;
  const written = box.value;
  for (const radio of fieldset.querySelectorAll('input[type=radio]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked || written === '') {
        return;
      }
      if (radio.value !== writtenFor && box.value === written) {
        box.value = '';
      } else if (radio.value === writtenFor && box.value === '') {
        box.value = written;
      }
    });
  }
}

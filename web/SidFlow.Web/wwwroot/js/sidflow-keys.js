// The player's keyboard: space play/pause, n next (a skip while playing), l like, d dislike; not while typing in a field.
window.sidflowKeys = {
  attach(player) {
    const handler = (e) => {
      const t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName) && e.key === ' ')) return;
      if (t && ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName)) return;
      const key = e.key === ' ' ? 'space' : e.key.toLowerCase();
      if (!['space', 'n', 'l', 'd'].includes(key)) return;
      e.preventDefault();
      if (key === 'space') window.sidflowAudio.pressed();
      player.invokeMethodAsync('OnKey', key);
    };
    document.addEventListener('keydown', handler);
    window.sidflowKeys.detach = () => document.removeEventListener('keydown', handler);
  },
  detach() {},
};

export default defineBackground(() => {
  // Filled in by the worker issue: polling, badge, content-script registration.
});

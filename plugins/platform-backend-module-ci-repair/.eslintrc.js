module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Tests run the module's scanners and executors with the platform
      // plugin's test helpers (@catalyst/plugin-platform-backend/testUtils).
      files: ['src/**/*.test.ts'],
      rules: { '@backstage/no-mixed-plugin-imports': 'off' },
    },
  ],
});

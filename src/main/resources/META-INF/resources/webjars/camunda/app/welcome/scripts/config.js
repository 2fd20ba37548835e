// CJM Flow: the welcome page (after the login) links the head of sales' dashboard, served by the same application
// behind the same login (README "Dashboard").
export default {
  links: [
    {
      label: 'Панель руководителя продаж',
      href: '/dashboard',
      description: 'Воронка по этапам, нарушения SLA, карточки менеджеров, тепловая карта процесса'
    }
  ]
};
